// Views read the one app store through this context and a selector hook.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppStoreWithTick } from '../store/appStore';
import type { AppState } from '../store/types';

export const StoreContext = createContext<AppStoreWithTick | null>(null);

export function useApp<T>(selector: (s: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useApp outside StoreContext');
  return useStore(store, selector);
}

export function useAppStore(): AppStoreWithTick {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore outside StoreContext');
  return store;
}

import type { ReactNode } from 'react';
import { useApp, useAppStore } from './storeContext';
import type { ViewId } from '../store/types';

/** The frame of each of the four views: a titled, focusable region with its explanation. */
export function Panel(props: { view: ViewId; title: string; subtitle: string; panelRef: (el: HTMLElement | null) => void; children: ReactNode; tools?: ReactNode }) {
  const store = useAppStore();
  const active = useApp((s) => s.activeView === props.view);
  return (
    <section
      ref={props.panelRef}
      className={`panel panel-${props.view}${active ? ' active' : ''}`}
      aria-labelledby={`panel-${props.view}-title`}
      tabIndex={-1}
      onFocus={() => store.getState().activeView !== props.view && store.getState().setActiveView(props.view)}
      data-testid={`view-${props.view}`}
    >
      <div className="panel-head">
        <h2 id={`panel-${props.view}-title`}>{props.title}</h2>
        <span className="panel-sub">{props.subtitle}</span>
        <div className="panel-tools">{props.tools}</div>
      </div>
      <div className="panel-body">{props.children}</div>
    </section>
  );
}

/** Says plainly where the model simplifies the kernel. */
export function SimplificationNote({ children }: { children: ReactNode }) {
  return (
    <p className="simplification">
      <span aria-hidden="true">≈ </span>
      <strong>Model note:</strong> {children}
    </p>
  );
}

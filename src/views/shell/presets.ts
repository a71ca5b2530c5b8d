// The preset scenarios: every JSON file in src/scenarios, kept as text so the app loads them
// through the same validation path as a user's file.
const files = import.meta.glob('../../scenarios/*.json', { eager: true, query: '?raw', import: 'default' }) as Record<string, string>;

export interface Preset {
  file: string;
  name: string;
  text: string;
}

export const PRESETS: Preset[] = Object.entries(files)
  .map(([path, text]) => {
    let name = path;
    try {
      name = (JSON.parse(text) as { name?: string }).name ?? path;
    } catch {
      // A broken preset still shows up, and opening it reports where it is broken.
    }
    return { file: path.split('/').pop()!, name, text };
  })
  .sort((a, b) => (a.file.startsWith('quickstart') ? -1 : b.file.startsWith('quickstart') ? 1 : a.name.localeCompare(b.name)));

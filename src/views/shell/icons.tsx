// Small inline icons: glyphs like ⏮ are missing from many system fonts (and from CI's).
const common = { width: 16, height: 16, viewBox: '0 0 16 16', 'aria-hidden': true, focusable: false } as const;

export const IconPlay = () => (
  <svg {...common}>
    <path d="M4 2.5v11l9-5.5z" fill="currentColor" />
  </svg>
);
export const IconPause = () => (
  <svg {...common}>
    <path d="M4 2.5h3v11H4zm5 0h3v11H9z" fill="currentColor" />
  </svg>
);
export const IconStart = () => (
  <svg {...common}>
    <path d="M3 2.5h2v11H3zm10 0v11L6 8z" fill="currentColor" />
  </svg>
);
export const IconStep = () => (
  <svg {...common}>
    <path d="M3 2.5v11L10 8zm8 0h2v11h-2z" fill="currentColor" />
  </svg>
);
export const IconMoon = () => (
  <svg {...common}>
    <path d="M10.5 1.5a6.5 6.5 0 1 0 4 11.6A6 6 0 0 1 10.5 1.5z" fill="currentColor" />
  </svg>
);
export const IconSun = () => (
  <svg {...common}>
    <circle cx="8" cy="8" r="3.2" fill="currentColor" />
    <path d="M8 .8v2.2M8 13v2.2M.8 8h2.2M13 8h2.2M2.9 2.9l1.6 1.6m7 7 1.6 1.6m0-10.2-1.6 1.6m-7 7-1.6 1.6" stroke="currentColor" strokeWidth="1.4" />
  </svg>
);

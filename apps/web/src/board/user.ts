/** The local person's display name and colour, remembered per browser. */
const COLORS = [
  '#e5484d',
  '#0090ff',
  '#30a46c',
  '#f76b15',
  '#8e4ec6',
  '#d6409f',
  '#12a594',
  '#ab6400',
];
const KEY = 'causeway.user';

export interface LocalUser {
  readonly name: string;
  readonly color: string;
}

export function localUser(): LocalUser {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<LocalUser> | null;
    if (saved && typeof saved.name === 'string' && typeof saved.color === 'string') {
      return { name: saved.name, color: saved.color };
    }
  } catch {
    // A corrupt entry falls through to a fresh identity.
  }
  const n = Math.floor(Math.random() * 1000);
  const user = { name: `Responder ${n}`, color: COLORS[n % COLORS.length] as string };
  localStorage.setItem(KEY, JSON.stringify(user));
  return user;
}

export function saveLocalUser(user: LocalUser): void {
  localStorage.setItem(KEY, JSON.stringify(user));
}

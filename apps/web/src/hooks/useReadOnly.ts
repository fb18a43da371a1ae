import { createContext, useContext } from 'react';

/** True under a board this tab may only view; BoardPage provides it from the access check. */
export const ReadOnlyContext = createContext(false);

/** Whether this tab may only view the open board (a viewer invite). */
export function useReadOnly(): boolean {
  return useContext(ReadOnlyContext);
}

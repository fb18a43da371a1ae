/** Where a popover anchored to a button goes so that all of it stays inside the window. */

export interface Rect {
  readonly left: number;
  readonly top: number;
  readonly bottom: number;
}

export interface Viewport {
  readonly width: number;
  readonly height: number;
}

export interface Placement {
  readonly position: 'fixed';
  readonly left: number;
  readonly top?: number;
  readonly bottom?: number;
  readonly width: number;
  readonly maxHeight: number;
}

const MARGIN = 8;
const GAP = 6;
const WIDTH = 380;
/** Below this much room under the button, the popover opens above it instead. */
const MIN_BELOW = 240;

/**
 * Below the button when there is room, else above; shifted left to stay on screen; its height
 * capped by the space it has, so its list scrolls instead of running off the window.
 */
export function placePopover(anchor: Rect, view: Viewport): Placement {
  const width = Math.min(WIDTH, view.width - 2 * MARGIN);
  const left = Math.max(MARGIN, Math.min(anchor.left, view.width - width - MARGIN));
  const below = view.height - anchor.bottom - GAP - MARGIN;
  const above = anchor.top - GAP - MARGIN;
  if (below >= MIN_BELOW || below >= above) {
    return { position: 'fixed', left, top: anchor.bottom + GAP, width, maxHeight: below };
  }
  return {
    position: 'fixed',
    left,
    bottom: view.height - anchor.top + GAP,
    width,
    maxHeight: above,
  };
}

// Sizes shared by the header, the rows and the virtualizer (rows must all be the same height for
// the virtualizer's arithmetic). 300 + 64 + 23 × 40 = 1,284 px: fits a 1440 px laptop screen.
export const ROW_HEIGHT = 32;
export const GROUP_HEADER_HEIGHT = 26;
export const CONTROL_HEADER_HEIGHT = 52;
export const HEADER_HEIGHT = GROUP_HEADER_HEIGHT + CONTROL_HEADER_HEIGHT;
export const ACCOUNT_WIDTH = 300;
export const FAILING_WIDTH = 64;
export const CELL_WIDTH = 40;

/** The account column takes whatever width is left, so long names get room on wide screens. */
export function gridTemplate(columnCount: number): string {
  return `minmax(${ACCOUNT_WIDTH}px, 1fr) ${FAILING_WIDTH}px repeat(${columnCount}, ${CELL_WIDTH}px)`;
}

/** Keyboard navigation columns: 0 = the row's checkbox, 1 = the account link, 2… = the cells. */
export const FIRST_CELL_COL = 2;

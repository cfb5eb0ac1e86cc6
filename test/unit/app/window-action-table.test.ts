import { describe, expect, it } from 'vitest';
import { KEYPAD_WINDOW_ACTIONS, WINDOW_ACTIONS } from '../../../common/window-actions.js';
import { KEY_CODES } from '../../../drivers/keypad/protocol.js';
import { WINDOW_ACTION_TABLE } from '../../../server/app/window-action-table.js';

describe('the window-action table', () => {
  it('declares every window action once (restore acts on a ticket and has its own route and event)', () => {
    const names = WINDOW_ACTION_TABLE.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(WINDOW_ACTIONS.filter((n) => n !== 'restore').sort());
  });

  it('offers on the keypad exactly the keypad window actions, and the keypad keys are those plus rate-request', () => {
    expect(WINDOW_ACTION_TABLE.filter((a) => a.on.keypad).map((a) => a.name).sort()).toEqual([...KEYPAD_WINDOW_ACTIONS].sort());
    expect(Object.keys(KEY_CODES).sort()).toEqual([...KEYPAD_WINDOW_ACTIONS, 'rate-request'].sort());
  });
});

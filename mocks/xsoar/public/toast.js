// @ts-check
// One toast at a time: a new message replaces the last instead of piling up beside it, so an old
// error never sits next to a later success. Errors of a form are shown on the form, not here.
import { $ } from './dom.js';

/** @type {ReturnType<typeof setTimeout> | undefined} */
let timer;

/**
 * @param {string} text
 * @param {'ok' | 'error'} [kind]
 */
export function toast(text, kind = 'ok') {
  const box = $('toast');
  box.textContent = text;
  box.className = `toast ${kind === 'error' ? 'err' : ''}`;
  box.hidden = false;
  clearTimeout(timer);
  timer = setTimeout(() => (box.hidden = true), kind === 'error' ? 6000 : 2500);
}

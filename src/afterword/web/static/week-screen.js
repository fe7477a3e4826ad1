// The Week screen: the practices between sessions, one panel each. Every panel shows only the
// person's own practice and what their partner chose to send or share.
import * as appreciations from './week-appreciations.js';
import * as checkin from './week-checkin.js';
import * as moments from './week-moments.js';
import * as partner from './week-partner.js';
import * as recall from './week-recall.js';
import * as repair from './week-repair.js';
import * as ritual from './week-ritual.js';
import * as sharing from './week-sharing.js';
import { say } from './week-ui.js';

const PANELS = [partner, sharing, moments, appreciations, checkin, repair, ritual, recall];

export function mount() {
  PANELS.forEach((panel) => panel.mount());
}

export async function refresh() {
  say('');
  await Promise.all(PANELS.map((panel) => panel.refresh()));
}

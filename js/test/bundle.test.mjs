// The committed bundle (served by Django, no node needed) equals a fresh build of js/src.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { BUNDLE, buildBundle } from '../build.mjs';

test('the committed booth bundle equals a fresh build (run `node js/build.mjs` if not)', async () => {
  const fresh = await buildBundle();
  const committed = readFileSync(BUNDLE, 'utf8');
  assert.ok(committed === fresh, 'src/tinnhiem/web/static/booth/booth.js is stale: run `node js/build.mjs`');
});

test('the bundle holds no eval and names its library versions', () => {
  const committed = readFileSync(BUNDLE, 'utf8');
  const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'));
  for (const name of ['@noble/curves', '@noble/hashes']) {
    const version = lock.packages[`node_modules/${name}`].version;
    assert.ok(committed.slice(0, 400).includes(`${name} ${version}`), `${name} ${version} in the header`);
  }
  assert.ok(!/\beval\(|new Function\(/.test(committed), 'no eval under script-src self');
});

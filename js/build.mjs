// Bundle the booth (js/src/booth.js and the cryptography it imports) into one classic script,
// src/tinnhiem/web/static/booth/booth.js, that the server serves as a static file.
//
// The bundle is committed, so serving the app needs no node. The output is deterministic (no
// minification, paths relative to js/, a header naming the exact package versions), so
// js/test/bundle.test.mjs can check that the committed file equals a fresh build, and anyone
// can rebuild it and compare its hash with the one published for a session.
//
// Usage: node js/build.mjs          (or: npm run build --prefix js)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));
export const BUNDLE = join(HERE, '..', 'src', 'tinnhiem', 'web', 'static', 'booth', 'booth.js');

function installedVersion(name) {
  return JSON.parse(readFileSync(join(HERE, 'node_modules', name, 'package.json'), 'utf8')).version;
}

function header() {
  const versions = ['@noble/curves', '@noble/hashes'].map((name) => `${name} ${installedVersion(name)}`);
  return [
    '/* tinnhiem voting booth: js/src/booth.js and what it imports (ballotcrypto.js, receipt.js,',
    ' * board-receipt.js) bundled by js/build.mjs',
    ` * with esbuild ${esbuild.version}; libraries: ${versions.join(', ')}.`,
    ' * Generated file: do not edit. Rebuild with `node js/build.mjs` (docs/crypto.md, "Booth"). */',
  ].join('\n');
}

/** The bundle's text, built in memory. */
export async function buildBundle() {
  const result = await esbuild.build({
    absWorkingDir: HERE,
    entryPoints: ['src/booth.js'],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    charset: 'utf8',
    minify: false,
    sourcemap: false,
    legalComments: 'inline',
    banner: { js: header() },
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = await buildBundle();
  writeFileSync(BUNDLE, text);
  const digest = createHash('sha256').update(text).digest('hex');
  process.stdout.write(`wrote ${BUNDLE} (${text.length} bytes, sha256 ${digest})\n`);
}

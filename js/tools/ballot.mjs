// Command-line access to the booth's cryptography, for the Python tests that check that a
// ballot made in JavaScript verifies in Python and the other way round.
//
//   node js/tools/ballot.mjs encrypt < {"election": …, "choices": […], "seed": hex?}
//       → {"ballot", "opening", "ballot_hash", "tracking_code"}
//   node js/tools/ballot.mjs verify  < {"election": …, "ballot": …, "opening"?: …}
//       → {"valid": bool, "choices"?: [...]}
// `election` is the booth's data: {session, record_version, persons: [{id}], values, public_key}.
import { readFileSync } from 'node:fs';

import * as bc from '../src/ballotcrypto.js';

const input = JSON.parse(readFileSync(0, 'utf8'));
const command = process.argv[2];
let output;
if (command === 'encrypt') {
  const rng = input.seed === undefined ? bc.randomScalar : bc.seededRng(bc.hexToBytes(input.seed));
  output = bc.encryptBallot(input.election, input.choices, { rng });
} else if (command === 'verify') {
  output = { valid: bc.verifyBallot(input.election, input.ballot) };
  if (input.opening !== undefined) {
    try {
      output.choices = bc.checkOpening(input.election, input.ballot, input.opening);
    } catch (error) {
      if (!(error instanceof bc.BallotCryptoError)) throw error;
      output.opening_error = error.en;
    }
  }
} else {
  process.stderr.write('usage: node js/tools/ballot.mjs encrypt|verify < input.json\n');
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(output)}\n`);

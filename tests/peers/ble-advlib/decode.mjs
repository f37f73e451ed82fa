// The advlib-ble side of `tests/peers/run.sh ble`: decodes the advertising data of ble-vectors.hex
// (payload only, with the manufacturer and service-data processors that know iBeacon, Eddystone and Ruuvi),
// round robin on one thread, a tenth of the rounds first as warm-up, and prints the same line as our side.
// usage: node decode.mjs VECTORS_FILE ROUNDS
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const advlib = require('advlib-ble');
const processors = [require('advlib-ble-services'), require('advlib-ble-manufacturers')];
const options = { isPayloadOnly: true, ignoreProtocolOverhead: true };

const [vectorsFile, roundsText] = process.argv.slice(2);
const rounds = Number.parseInt(roundsText, 10);
if (!vectorsFile || !(rounds > 0)) {
  console.error('usage: node decode.mjs VECTORS_FILE ROUNDS');
  process.exit(2);
}

const vectors = readFileSync(vectorsFile, 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line.length > 0 && !line.startsWith('#'))
  .map((line) => Buffer.from(line, 'hex'));

// Same work as ours: every vector must yield a decoded beacon frame, not just flags.
for (const vector of vectors) {
  const decoded = advlib.process(vector, processors, options);
  const beacon = decoded && Object.keys(decoded).some((key) => !['flags', 'uuids', 'txPower'].includes(key));
  if (!beacon) {
    console.error(`advlib-ble: vector ${vector.toString('hex')} did not decode: ${JSON.stringify(decoded)}`);
    process.exit(1);
  }
}

const decodeAll = (count) => {
  let sink = 0;
  for (let round = 0; round < count; round++) {
    for (const vector of vectors) {
      sink += Object.keys(advlib.process(vector, processors, options)).length;
    }
  }
  return sink;
};

let sink = decodeAll(Math.max(1, Math.floor(rounds / 10)));
const started = process.hrtime.bigint();
sink += decodeAll(rounds);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const reports = rounds * vectors.length;
console.log(
  `advlib-ble reports=${reports} vectors=${vectors.length} seconds=${seconds.toFixed(3)} ` +
    `reports_per_s=${(reports / seconds).toFixed(0)} fields_seen=${sink}`,
);

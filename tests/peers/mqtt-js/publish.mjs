// The mqtt.js side of tests/peers/run.sh: publishes one payload COUNT times at QoS 1 over MQTT 5, at most
// IN_FLIGHT waiting for PUBACK (the uplink's window), and prints the same line as our side.
// usage: node publish.mjs HOST PORT PAYLOAD_FILE COUNT IN_FLIGHT
import { readFileSync } from 'node:fs';
import mqtt from 'mqtt';

const [host, port, payloadFile, countText, inFlightText] = process.argv.slice(2);
const count = Number.parseInt(countText, 10);
const inFlight = Number.parseInt(inFlightText, 10);
if (!host || !(count > 0) || !(inFlight > 0)) {
  console.error('usage: node publish.mjs HOST PORT PAYLOAD_FILE COUNT IN_FLIGHT');
  process.exit(2);
}

const payload = readFileSync(payloadFile);
const topic = 'edgegw/peer-bench/up/heartbeats';
const started = process.hrtime.bigint();
const client = await mqtt.connectAsync({
  host,
  port: Number.parseInt(port, 10),
  protocolVersion: 5,
  clean: true,
  clientId: 'peer-bench-mqttjs',
  reconnectPeriod: 0,
});

await new Promise((resolve, reject) => {
  let sent = 0;
  let acked = 0;
  const sendNext = () => {
    sent++;
    client.publish(topic, payload, { qos: 1, properties: { contentType: 'application/json' } }, (err) => {
      if (err) {
        reject(err);
        return;
      }
      acked++;
      if (acked === count) {
        resolve();
      } else if (sent < count) {
        sendNext();
      }
    });
  };
  for (let i = 0; i < Math.min(inFlight, count); i++) {
    sendNext();
  }
});

const seconds = Number(process.hrtime.bigint() - started) / 1e9;
await client.endAsync();
console.log(
  `mqtt.js messages=${count} payload_bytes=${payload.length} seconds=${seconds.toFixed(3)} ` +
    `msg_per_s=${(count / seconds).toFixed(0)} mb_per_s=${((count * payload.length) / seconds / 1e6).toFixed(1)}`,
);

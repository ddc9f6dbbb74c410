// A Node.js HTTP peer for Bizo's tests: a plain http.createServer with an 'upgrade' listener, like n8n's.
// Node hands every request that carries an Upgrade header (such as Java's "Upgrade: h2c") to that listener instead of
// the request handler; this listener records it and never answers, which is what n8n does outside its push channel.
//
// Configuration: one JSON object per line on stdin, each answered with "CONFIGURED <n>" on stdout:
//   {"route":   {"method":"GET","path":"/page","status":200,"contentType":"text/html","body":"..."}}
//   {"webhook": {"path":"/webhook/bizo","secret":"whsec_...","headerName":"X-Auth","headerValue":"token"}}
// A later entry for the same method and path replaces the earlier one.
// A webhook route answers 403 when the static header is missing or wrong (as n8n's header auth does), 200 otherwise,
// and verifies the Standard Webhooks signature itself with node:crypto.
//
// Output, one line per event on stdout (fields tab-separated, free text base64):
//   LISTENING <port>
//   UPGRADE <method> <path> <base64 of the Upgrade header>
//   RECEIVED <method> <path> <httpVersion> <status> <signature> <base64 headers "name: value\n"...> <base64 body>
// where <signature> is valid, invalid or absent ("-" for routes that are not webhooks).
// The peer exits when its stdin closes, so it never outlives the JVM that started it.
'use strict';
const http = require('node:http');
const crypto = require('node:crypto');

const readline = require('node:readline');

let routes = [];
let webhooks = [];
let configured = 0;
const b64 = (text) => Buffer.from(text, 'utf8').toString('base64');

function verifyStandardWebhook(secret, headers, body) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !timestamp || !signatures) {
    return 'absent';
  }
  if (!/^[0-9]+$/.test(timestamp)) {
    return 'invalid';
  }
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = crypto.createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  const matches = signatures.split(' ').some((entry) => {
    const [version, value] = entry.split(',');
    if (version !== 'v1' || !value) {
      return false;
    }
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  });
  return matches ? 'valid' : 'invalid';
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const path = req.url.split('?')[0];
    let status = 404;
    let signature = '-';
    let contentType = 'text/plain';
    let answer = 'not found';
    const webhook = webhooks.find((w) => w.path === path && req.method === 'POST');
    const route = routes.find((r) => r.path === path && r.method === req.method);
    if (webhook) {
      signature = verifyStandardWebhook(webhook.secret, req.headers, body);
      const given = webhook.headerName ? req.headers[webhook.headerName.toLowerCase()] : undefined;
      const authorised = !webhook.headerName || given === webhook.headerValue;
      status = authorised ? 200 : 403;
      contentType = 'application/json';
      answer = authorised ? '{"message":"Workflow was started"}' : '{"message":"Authorization data is wrong!"}';
    } else if (route) {
      status = route.status;
      contentType = route.contentType;
      answer = route.body;
    }
    const headerLines = Object.entries(req.headers).map(([k, v]) => `${k}: ${v}\n`).join('');
    process.stdout.write(['RECEIVED', req.method, path, req.httpVersion, status, signature, b64(headerLines), b64(body)]
      .join('\t') + '\n');
    res.writeHead(status, { 'Content-Type': contentType });
    res.end(answer);
  });
});

server.on('upgrade', (req, socket) => {
  process.stdout.write(['UPGRADE', req.method, req.url.split('?')[0], b64(req.headers.upgrade || '')].join('\t') + '\n');
  socket.on('error', () => {});
  // Never answered: the socket stays open until the client gives up.
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`LISTENING ${server.address().port}\n`);
});

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (!line.trim()) {
    return;
  }
  const command = JSON.parse(line);
  if (command.route) {
    const r = command.route;
    routes = routes.filter((x) => !(x.method === r.method && x.path === r.path)).concat([r]);
  }
  if (command.webhook) {
    const w = command.webhook;
    webhooks = webhooks.filter((x) => x.path !== w.path).concat([w]);
  }
  configured += 1;
  process.stdout.write(`CONFIGURED ${configured}\n`);
}).on('close', () => process.exit(0));

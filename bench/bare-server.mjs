// The limit a Node.js server can reach: the same bytes and headers Ytring sent, from memory.
// Reads {path: {status, headers, body(base64)}} as JSON on stdin, listens on 127.0.0.1, prints its port.
import http from 'node:http';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const pages = new Map(Object.entries(JSON.parse(input)).map(([path, page]) => [path, { ...page, body: Buffer.from(page.body, 'base64') }]));

const server = http.createServer((request, response) => {
  const page = pages.get(request.url);
  if (!page) {
    response.writeHead(404).end();
    return;
  }
  if (request.method === 'POST') {
    request.resume();
    request.on('end', () => response.writeHead(page.status, page.headers).end(page.body));
    return;
  }
  response.writeHead(page.status, page.headers).end(page.body);
});
server.keepAliveTimeout = 10_000;
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
process.on('SIGTERM', () => server.close(() => process.exit(0)));

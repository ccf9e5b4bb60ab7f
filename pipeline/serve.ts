import { createServer, type Server } from 'node:http';
import sirv from 'sirv';

/** Serves a built site as plain static files (what any web server would do with dist/). */
export function serveStatic(dir: string, port: number, host = '127.0.0.1'): Promise<Server> {
  // dev mode reads the folder on every request, so a rebuilt site is served without a restart
  const files = sirv(dir, { dev: true, etag: true, extensions: ['html'] });
  const server = createServer((req, res) =>
    files(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    }),
  );
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => done(server));
  });
}

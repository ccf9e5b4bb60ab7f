import { createServer, type Server } from 'node:http';

/** Serves a built site as plain static files (what any web server would do with dist/). */
export async function serveStatic(dir: string, port: number, host = '127.0.0.1'): Promise<Server> {
  // loaded by the command that serves, not by every start of the CLI
  const { default: sirv } = await import('sirv');
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

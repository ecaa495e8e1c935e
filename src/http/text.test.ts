import { errorCause, gnocchiErrorShape, httpError } from './errors';
import { cleanCause, htmlTitle, stripHtml } from './text';

describe('clean text from error bodies (class 6)', () => {
  it.each([
    // webob's JSON errors, as keystonemiddleware/oslo/pecan send them
    [
      '{"message": "The server could not comply with the request since it is either malformed or otherwise incorrect.<br /><br />\\nInvalid filter: x\\n\\n", "code": "400 Bad Request", "title": "Bad Request"}',
      'Invalid filter: x',
    ],
    // Gnocchi's description carrying HTML
    ['{"code": 400, "title": "Bad Request", "description": "Bad <b>thing</b><br />&lt;here&gt;"}', 'Bad thing <here>'],
    // webob's HTML page: status line and generic explanation dropped, detail kept
    [
      '<html>\n <head>\n  <title>400 Bad Request</title>\n </head>\n <body>\n  <h1>400 Bad Request</h1>\n  The server could not comply with the request since it is either malformed or otherwise incorrect.<br /><br />\nNo filter\n\n </body>\n</html>',
      'No filter',
    ],
    // only the generic explanation: kept (it is all there is)
    [
      '{"message": "The resource could not be found.<br /><br />\\n\\n", "code": "404 Not Found"}',
      'The resource could not be found.',
    ],
    [
      '<html><head><style>p{}</style><script>x()</script></head><body><p>Proxy &amp; error</p></body></html>',
      'Proxy & error',
    ],
  ])('%s', (body, cause) => {
    expect(errorCause(body, body.includes('404') ? '404 Not Found' : '400 Bad Request')).toBe(cause);
  });

  it('helpers', () => {
    expect(htmlTitle('<html><title> Sign &amp; in </title>')).toBe('Sign & in');
    expect(stripHtml('a<br/>b&#39;c&#x41;')).toBe("a b'cA");
    expect(cleanCause('502 Bad Gateway', '502 Bad Gateway')).toBe('');
    expect(cleanCause('<h1>Not Found</h1><p>No such page</p>', '404 Not Found')).toBe('No such page');
  });
});

describe('httpError (D4: one full stop, the URL untouched)', () => {
  it.each([
    ['http://g/v1/metric/..', '', 'Gnocchi 500 Internal Server Error. (GET http://g/v1/metric/..)'],
    [
      'http://g/a..b',
      '{"description": "Metric a..b does not exist."}',
      'Gnocchi 500 Internal Server Error: Metric a..b does not exist. (GET http://g/a..b)',
    ],
    ['http://g/x', '{"description": "Why?"}', 'Gnocchi 500 Internal Server Error: Why? (GET http://g/x)'],
  ])('%s', (url, body, message) => {
    expect(httpError('Gnocchi', 'GET', url, 500, body).message).toBe(message);
  });

  it('401 is of kind auth, others http', () => {
    expect(httpError('Gnocchi', 'GET', 'u', 401, '').kind).toBe('auth');
    expect(httpError('Gnocchi', 'GET', 'u', 503, '').kind).toBe('http');
  });
});

describe('gnocchiErrorShape', () => {
  it.each([
    ['{"code": 404, "title": "Not Found", "description": "Metric x does not exist"}', 'own'],
    ['{"code": 404, "title": "Not Found", "description": null}', 'route'],
    ['{"code": 405, "title": "Method Not Allowed", "description": ""}', 'own'],
    ['{"error": {"code": 404, "message": "x"}}', 'foreign'],
    ['<html>404</html>', 'foreign'],
    ['{"detail": "not found"}', 'foreign'],
    ['', 'foreign'],
  ])('%s → %s', (body, shape) => {
    expect(gnocchiErrorShape(body)).toBe(shape);
  });
});

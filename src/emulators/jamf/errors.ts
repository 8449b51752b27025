// Jamf's failure shapes: ApiError JSON on /api, Restlet "Status page" HTML on /JSSResource, the Cloud timeout page.
import { htmlReply, jsonReply, type Reply } from '../http-util.js';

export function apiError(status: number, code: string, description: string, field: string | null = null): Reply {
  return jsonReply(status, { httpStatus: status, errors: [{ code, field, description, id: '0' }] });
}

export const invalidToken = (): Reply => apiError(401, 'INVALID_TOKEN', 'Unauthorized');

export const computerNotFound = (): Reply => apiError(404, 'NOT_FOUND', 'Specified computer object does not exist.');

const RESTLET: Record<number, { title: string; text: string; section: string }> = {
  400: { title: 'Bad Request', text: 'The request could not be understood by the server due to malformed syntax', section: '10.4.1' },
  401: { title: 'Unauthorized', text: 'The request requires user authentication', section: '10.4.2' },
  404: { title: 'Not Found', text: 'The server has not found anything matching the request URI', section: '10.4.5' },
};

/** Classic API errors are Restlet status pages, even when JSON was asked for. */
export function restletPage(status: 400 | 401 | 404): Reply {
  const page = RESTLET[status]!;
  const html =
    '<html>\n<head>\n   <title>Status page</title>\n</head>\n<body style="font-family: sans-serif;">\n' +
    `<p style="font-size: 1.2em;font-weight: bold;margin: 1em 0px;">${page.title}</p>\n` +
    `<p>${page.text}</p>\n` +
    `<p>You can get technical details <a href="http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec${page.section}">here</a>.<br>\n` +
    'Please continue your visit at our <a href="/">home page</a>.\n</p>\n</body>\n</html>\n';
  return htmlReply(status, html);
}

/** What the Jamf Cloud edge answers when the web app does not reply in time. */
export function cloudTimeoutPage(): Reply {
  const html =
    '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>Jamf Cloud - Timeout</title>\n</head>\n<body>\n' +
    '<h1>Timeout</h1>\n<p>Your Jamf Cloud instance did not respond in time. Please try again in a few minutes.</p>\n' +
    '</body>\n</html>\n';
  return htmlReply(504, html);
}

// GET /api/v2/mdm/commands: the MDM command history, filter required.
import { jsonReply, type Exchange, type Reply } from '../http-util.js';
import { objectField, type JsonObject } from '../json.js';
import { apiError } from './errors.js';
import { filterParam, pageOf, sortParam, sortRecords } from './query.js';
import { evaluateRsql, selectors, type RsqlNode } from './rsql.js';

/** Filter fields → where the value lives in an MdmCommand. */
const FIELDS: Record<string, (c: JsonObject) => unknown> = {
  uuid: (c) => c.uuid,
  clientManagementId: (c) => objectField(c, 'client')?.managementId,
  clientType: (c) => objectField(c, 'client')?.clientType,
  command: (c) => c.commandType,
  status: (c) => c.commandState,
  dateSent: (c) => c.dateSent,
  validAfter: (c) => c.validAfter,
  dateCompleted: (c) => c.dateCompleted,
  profileId: (c) => c.profileId,
  profileIdentifier: (c) => c.profileIdentifier,
  active: (c) => c.commandState === 'PENDING',
};
const DATE_FIELDS = new Set(['dateSent', 'validAfter', 'dateCompleted']);
const SORT_FIELDS = new Set(['dateSent', 'dateCompleted', 'uuid']);

/** "any date filters must be used with gt, lt, ge, le" */
function dateWithEquality(node: RsqlNode): string | undefined {
  if (node.kind !== 'compare') return node.items.map(dateWithEquality).find((s) => s !== undefined);
  const ordered = node.op === '=lt=' || node.op === '=le=' || node.op === '=gt=' || node.op === '=ge=';
  return DATE_FIELDS.has(node.selector) && !ordered ? node.selector : undefined;
}

export function listMdmCommands(ex: Exchange, commands: readonly JsonObject[]): Reply {
  const parsed = filterParam(ex, new Set(Object.keys(FIELDS)));
  if ('reply' in parsed) return parsed.reply;
  if (!parsed.filter || selectors(parsed.filter).length === 0) {
    return apiError(400, 'INVALID_FIELD', 'All url must contain minimum one filter field.', 'filter');
  }
  const dateField = dateWithEquality(parsed.filter);
  if (dateField !== undefined) return apiError(400, 'INVALID_FIELD', `Date filter ${dateField} must be used with gt, lt, ge or le`, 'filter');
  const sort = sortParam(ex, 'dateSent:asc');
  if (!sort || sort.some(([field]) => !SORT_FIELDS.has(field))) return apiError(400, 'INVALID_FIELD', 'Invalid sort', 'sort');
  const filter = parsed.filter;
  const matched = sortRecords(
    commands.filter((c) => evaluateRsql(filter, (selector) => FIELDS[selector]!(c))),
    sort,
    (c, field) => c[field],
  );
  const page = pageOf(ex, matched);
  return 'status' in page ? page : jsonReply(200, page);
}

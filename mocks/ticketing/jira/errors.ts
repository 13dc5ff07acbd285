/**
 * Jira's error shape: `{"errorMessages":[…],"errors":{}}`, with field problems under `errors`
 * (`{"errors":{"summary":"You must specify a summary of the issue."}}`). HttpError carries one
 * code and one message, so a field error is coded `field:<name>` and errorBody() files it there.
 */
import { HttpError } from '../../shared/index.ts';

export const jiraError = (status: number, message: string, headers: Record<string, string> = {}) =>
  new HttpError(status, 'jira', message, headers);

export const fieldError = (field: string, message: string) => new HttpError(400, `field:${field}`, message);

export function errorBody(code: string, message: string) {
  return code.startsWith('field:')
    ? { errorMessages: [], errors: { [code.slice('field:'.length)]: message } }
    : { errorMessages: [message], errors: {} };
}

export const issueNotFound = () =>
  jiraError(404, 'Issue does not exist or you do not have permission to see it.');

export const NOT_ADF = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';

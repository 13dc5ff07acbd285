/** A JQL problem; the API answers it with Jira's 400 `{"errorMessages":[…],"errors":{}}`. */
export class JqlError extends Error {}

/** JSON values (structural; mocks do not import harness types beyond the Clock). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

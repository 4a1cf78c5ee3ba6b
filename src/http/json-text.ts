// An answer already written as JSON text: defineRoute sends it as it stands, with the headers res.json would set.
// The polled reads write their answers straight from PostgreSQL's text (upload-json-text.ts). T is the value the
// text encodes, for the route's declared schema; test/api/openapi.test.ts parses real answers with that schema.
export class JsonText<T> {
  declare readonly encodes?: T;
  constructor(readonly text: string) {}
}

// A stored VodEvent's body, parsed: events are kept as the text received (payloadText); rows written before that
// change hold it as jsonb (payload).
export function storedPayload(event: { payload: unknown; payloadText: string | null } | undefined | null): any {
  if (!event) return undefined;
  return event.payloadText === null ? event.payload : JSON.parse(event.payloadText);
}

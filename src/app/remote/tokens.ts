/** Where this browser keeps its tokens for a session. */
export const tokenKey = (kind: 'facilitator' | 'projector' | 'seat' | 'evaluator', sessionId: string) => `drillroom.${kind}.${sessionId}`;

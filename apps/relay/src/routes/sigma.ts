/**
 * The board's detection rules as one Sigma .yml (a YAML document per rule). Only rules that pass
 * the Sigma checks are exported; the others are named in a comment at the top so none vanish silently.
 */
import { readDetectionRules, sigmaBundle, validateSigmaRule } from '@causeway/core';
import type { FastifyPluginAsync } from 'fastify';
import { readBoardState } from './boardRead.ts';
import { attachment, type RoomParams, roomErrors, roomParams } from './schemas.ts';

export const sigmaRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Params: RoomParams }>(
    '/api/rooms/:room/detection-rules.yml',
    { schema: { params: roomParams, response: roomErrors } },
    async (req, reply) => {
      const { room } = req.params;
      const rules = await readBoardState(app, room, readDetectionRules);
      const valid = rules.filter((r) => validateSigmaRule(r.yaml).ok);
      const skipped = rules.filter((r) => !valid.includes(r));
      const note = skipped.map(
        (r) => `# not exported, fails the Sigma checks: ${r.title.replace(/[\r\n]+/g, ' ')}\n`,
      );
      return reply
        .header('content-disposition', attachment(`causeway-${room}-detection-rules.yml`))
        .header('x-causeway-skipped-rules', String(skipped.length))
        .type('application/yaml; charset=utf-8')
        .send(note.join('') + sigmaBundle(valid.map((r) => r.yaml)));
    },
  );
};

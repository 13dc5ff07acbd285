/**
 * The entry routes XSOAR Mirroring uses beyond `/entry` and `/entry/note`
 * (Packs/XSOARmirroring/Integrations/XSOARmirroring/XSOARmirroring.py `Client`):
 * `POST /entry/formatted` `{investigationId, contents, format}` (`add_incident_entry` for entries
 * that are not notes), `POST /entry/upload/{incidentId}` (multipart `file` part: mirroring a file
 * out) and `GET /entry/download/{entryId}` (the bytes of a file entry: `get_file_entry`, mirroring
 * files in and fetching attachments).
 */
import { readFile } from 'node:fs/promises';
import express, { Router } from 'express';
import { z } from 'zod';
import { HarnessError } from '../../harness/core/index.ts';
import type { Entry, Harness } from '../../harness/index.ts';
import { readBody } from './read-body.ts';
import { toApiEntry } from './to-api-entry.ts';

const formattedEntryBody = z
  .object({
    investigationId: z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String),
    // Empty text is an entry too: add_incident_entry uploads a file entry, then posts its (empty)
    // contents here; refusing it would fail every push that carries a file.
    contents: z.string({ error: 'is required (the entry text)' }),
    // entry.get('format') is None for entries without one.
    format: z.enum(['text', 'markdown', 'json', 'html', 'table']).nullable().optional(),
  })
  .strict();

function incidentOf(harness: Harness, id: string) {
  const incident =
    harness.incidents.get(id) ?? harness.incidents.list().find((i) => i.investigationId === id);
  if (!incident)
    throw new HarnessError(
      'not-found',
      `xsoar api: failed to find incident "${id}": no such incident. Search with POST /incidents/search.`,
    );
  return incident;
}

function fileEntry(harness: Harness, entryId: string): Entry {
  for (const incident of harness.incidents.list()) {
    const entry = harness.incidents.entries(incident.id).find((e) => e.id === entryId);
    if (entry?.filePath) return entry;
    if (entry)
      throw new HarnessError(
        'not-found',
        `xsoar api: failed to download entry "${entryId}": it is not a file entry.`,
      );
  }
  throw new HarnessError('not-found', `xsoar api: failed to download entry "${entryId}": no such entry.`);
}

export function createEntryFileRoutes(current: () => Harness): Router {
  const router = Router();
  router.post('/entry/formatted', async (req, res) => {
    const body = readBody(
      formattedEntryBody,
      req.body,
      'the entry',
      '{ "investigationId": "1", "contents": "Escalated", "format": "markdown" }',
    );
    const harness = current();
    const incident = incidentOf(harness, body.investigationId);
    const entry = await harness.incidents.addEntry(incident.id, {
      contents: body.contents,
      format: body.format ?? 'text',
    });
    res.status(201).json(toApiEntry(entry));
  });

  router.post(
    '/entry/upload/:incidentId',
    express.raw({ type: 'multipart/form-data', limit: '25mb' }),
    async (req, res) => {
      const harness = current();
      const incident = incidentOf(harness, req.params.incidentId!);
      const type = req.headers['content-type'] ?? '';
      const form =
        Buffer.isBuffer(req.body) && type.startsWith('multipart/form-data')
          ? await new Response(new Uint8Array(req.body), { headers: { 'content-type': type } })
              .formData()
              .catch(() => null)
          : null;
      const file = form?.get('file');
      if (!file || typeof file === 'string')
        throw new HarnessError(
          'invalid-input',
          'xsoar api: failed to upload the file: send multipart/form-data with a "file" part.',
        );
      const entry = await harness.incidents.addEntry(incident.id, {
        contents: file.name,
        file: { name: file.name, content: new Uint8Array(await file.arrayBuffer()) },
      });
      res.status(201).json(toApiEntry(entry));
    },
  );

  router.get('/entry/download/:entryId', async (req, res) => {
    const entry = fileEntry(current(), req.params.entryId);
    res
      .type('application/octet-stream')
      .setHeader('content-disposition', `attachment; filename="${encodeURIComponent(entry.File ?? 'file')}"`);
    res.send(await readFile(entry.filePath!));
  });
  return router;
}

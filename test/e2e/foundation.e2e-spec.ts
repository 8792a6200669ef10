import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ADMIN_KEY, createTestApp } from '../support/create-test-app.js';

describe('foundation (SQLite, in-process cache)', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  describe('operator URLs', () => {
    it('GET /health/live is up with no key', async () => {
      const { body } = await http().get('/health/live').expect(200);
      expect(body.status).toBe('ok');
    });

    it('GET /health/ready checks the database and the cache', async () => {
      const { body } = await http().get('/health/ready').expect(200);
      expect(body.status).toBe('ok');
      expect(body.details.database.status).toBe('up');
      expect(body.details.cache).toMatchObject({ status: 'up', store: 'memory' });
    });

    it('GET /metrics serves Prometheus text with HTTP histograms by route', async () => {
      await http().get('/health/live').expect(200);
      const res = await http().get('/metrics').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toMatch(
        /gateway_http_request_duration_seconds_count\{method="GET",route="\/health\/live",status="200"\} \d+/,
      );
      expect(res.text).toContain('# TYPE gateway_wechat_api_calls_total counter');
    });

    it('GET /docs serves Swagger UI and /docs-json the OpenAPI document', async () => {
      const ui = await http().get('/docs').redirects(1).expect(200);
      expect(ui.text).toContain('swagger-ui');
      const { body } = await http().get('/docs-json').expect(200);
      expect(body.openapi).toMatch(/^3\./);
      expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/api/keys', '/api/keys/{id}', '/health/ready']));
      expect(body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      // Every field of every schema is described, and has an example unless it is a nested object.
      type Prop = {
        description?: string;
        example?: unknown;
        $ref?: string;
        allOf?: unknown;
        type?: string;
        items?: { $ref?: string };
      };
      const gaps: string[] = [];
      for (const [schema, def] of Object.entries(
        body.components.schemas as Record<string, { properties?: Record<string, Prop> }>,
      )) {
        for (const [field, p] of Object.entries(def.properties ?? {})) {
          if (!p.description) gaps.push(`${schema}.${field}: no description`);
          const nested = p.$ref || p.allOf || p.type === 'object' || p.items?.$ref;
          if (p.example === undefined && !nested) gaps.push(`${schema}.${field}: no example`);
        }
      }
      expect(gaps).toEqual([]);
      expect(Object.keys(body.components.schemas).length).toBeGreaterThan(30);
    });
  });

  describe('API keys', () => {
    it('401 without a key, with a wrong key, and in the contract error shape', async () => {
      const none = await http().get('/api/keys').expect(401);
      expect(none.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: expect.stringContaining('API key'),
      });
      await http()
        .get('/api/keys')
        .auth('wog_00000000_notarealkeynotarealkeynotarealkey00', { type: 'bearer' })
        .expect(401);
      await http().get('/api/keys').set('Authorization', 'Basic abc').expect(401);
    });

    it('creates a key shown once, stores only its hash, and lists it without the key', async () => {
      const created = await http()
        .post('/api/keys')
        .auth(ADMIN_KEY, { type: 'bearer' })
        .send({ name: 'crm', scopes: ['tokens:read'], allowed_appids: ['wx0123456789abcdef'] })
        .expect(201);
      expect(created.body).toMatchObject({
        name: 'crm',
        scopes: ['tokens:read'],
        allowed_appids: ['wx0123456789abcdef'],
        revoked_at: null,
      });
      expect(created.body.key).toMatch(/^wog_[a-z0-9]{8}_/);
      expect(created.body.key.startsWith(created.body.prefix)).toBe(true);
      const list = await http().get('/api/keys').auth(ADMIN_KEY, { type: 'bearer' }).expect(200);
      const listed = list.body.find((k: { id: string }) => k.id === created.body.id);
      expect(listed).toBeDefined();
      expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    });

    it('403 when the key lacks the scope; 401 once revoked', async () => {
      const { body: key } = await http()
        .post('/api/keys')
        .auth(ADMIN_KEY, { type: 'bearer' })
        .send({ name: 'reader', scopes: ['tokens:read'] })
        .expect(201);
      const denied = await http().get('/api/keys').auth(key.key, { type: 'bearer' }).expect(403);
      expect(denied.body.message).toContain('admin');
      const { body: admin } = await http()
        .post('/api/keys')
        .auth(ADMIN_KEY, { type: 'bearer' })
        .send({ name: 'ops', scopes: ['admin'] })
        .expect(201);
      await http().get('/api/keys').auth(admin.key, { type: 'bearer' }).expect(200);
      const revoked = await http().delete(`/api/keys/${admin.id}`).auth(ADMIN_KEY, { type: 'bearer' }).expect(200);
      expect(revoked.body.revoked_at).toEqual(expect.any(String));
      await http().get('/api/keys').auth(admin.key, { type: 'bearer' }).expect(401);
    });

    it('400 naming the field on bad input, 404 for an unknown key id', async () => {
      const bad = await http()
        .post('/api/keys')
        .auth(ADMIN_KEY, { type: 'bearer' })
        .send({ name: 'x', scopes: ['everything'] })
        .expect(400);
      expect(bad.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(bad.body.message).toMatch(/^scopes: /);
      const extra = await http()
        .post('/api/keys')
        .auth(ADMIN_KEY, { type: 'bearer' })
        .send({ name: 'x', scopes: ['proxy'], admin: true })
        .expect(400);
      expect(extra.body.message).toContain('admin');
      const appid = await http()
        .post('/api/keys')
        .auth(ADMIN_KEY, { type: 'bearer' })
        .send({ name: 'x', scopes: ['proxy'], allowed_appids: ['nope'] })
        .expect(400);
      expect(appid.body.message).toMatch(/^allowed_appids: /);
      await http()
        .delete('/api/keys/3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f')
        .auth(ADMIN_KEY, { type: 'bearer' })
        .expect(404);
    });

    it('404 in the error shape for an unknown route', async () => {
      const { body } = await http().get('/api/nothing-here').auth(ADMIN_KEY, { type: 'bearer' }).expect(404);
      expect(body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    });
  });
});

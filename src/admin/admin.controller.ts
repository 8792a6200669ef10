import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { randomBytes } from 'node:crypto';
import { Public } from '../common/decorators/auth.decorators.js';
import { adminPage } from './admin-page.html.js';

/** GET /admin: the operator's page. Public as a page; every figure on it comes from the API with an admin key. */
@ApiExcludeController()
@Public()
@Controller('admin')
export class AdminController {
  @Get()
  page(@Res() res: Response): void {
    const nonce = randomBytes(16).toString('base64');
    res
      .status(200)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Frame-Options': 'DENY',
        'Content-Security-Policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
        'Referrer-Policy': 'no-referrer',
      })
      .send(adminPage(nonce));
  }
}

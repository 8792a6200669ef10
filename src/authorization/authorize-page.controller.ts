import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/decorators/auth.decorators.js';
import { AuthorizePageService, type PageResult } from './authorize-page.service.js';

type Q = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Browser pages on the authorization initiation domain (contract: GET /wechat/authorize and
 * /wechat/authorize/callback). HTML, not JSON; no API key.
 */
@ApiExcludeController()
@Public()
@Controller('wechat/authorize')
export class AuthorizePageController {
  constructor(private readonly pages: AuthorizePageService) {}

  @Get()
  async entry(@Query() q: Q, @Headers('user-agent') userAgent: string | undefined, @Res() res: Response) {
    send(
      res,
      await this.pages.entry({
        redirectUri: str(q.redirect_uri),
        authType: str(q.auth_type),
        bizAppid: str(q.biz_appid),
        userAgent,
      }),
    );
  }

  @Get('callback')
  async callback(@Query() q: Q, @Res() res: Response) {
    send(res, await this.pages.callback({ authCode: str(q.auth_code), returnTo: str(q.return_to) }));
  }
}

function send(res: Response, result: PageResult): void {
  if (result.kind === 'redirect') {
    res.set('Cache-Control', 'no-store').redirect(302, result.location);
    return;
  }
  res.status(result.status).set(result.headers).send(result.html);
}

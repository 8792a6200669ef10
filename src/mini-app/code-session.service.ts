import { Injectable, Logger } from '@nestjs/common';
import { AccountService } from '../account/account.service.js';
import { BadInputError } from '../common/errors/app-errors.js';
import { SnsCodeExchangeService } from '../official-account/sns-code-exchange.service.js';
import type { CodeToSessionDto } from './dto/code-to-session.dto.js';

const JSCODE2SESSION = '/sns/component/jscode2session';

/** Mini program login on behalf of the account (thirdpartyCode2Session, §8.2). */
@Injectable()
export class CodeSessionService {
  private readonly logger = new Logger(CodeSessionService.name);

  constructor(
    private readonly accounts: AccountService,
    private readonly codes: SnsCodeExchangeService,
  ) {}

  /**
   * Exact parameter names appid, js_code, grant_type, component_appid, component_access_token
   * (pitfall 18); never resent after it may have reached WeChat; the same js_code within 5 minutes
   * gets the first answer. The session_key is for the caller's server only, never its clients.
   */
  async codeToSession(appid: string, jsCode: string): Promise<CodeToSessionDto> {
    const account = await this.accounts.get(appid); // 404 for an unknown account
    if (account.source !== 'component') {
      throw new BadInputError(`appid: account ${appid} is not managed through the third-party platform`);
    }
    const { result, cached } = await this.codes.exchange<CodeToSessionDto>(JSCODE2SESSION, jsCode, {
      appid,
      js_code: jsCode,
      grant_type: 'authorization_code',
    });
    this.logger.log({ appid, endpoint: JSCODE2SESSION, cached }, 'mini program code exchanged');
    return {
      openid: result.openid,
      ...(result.unionid ? { unionid: result.unionid } : {}),
      session_key: result.session_key,
    };
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { AccountApiService } from '../token/account-api.service.js';
import type { AuditIdDto } from './dto/audit.dto.js';
import type { CommitRequestDto } from './dto/commit.dto.js';
import type { DomainsDto, ModifyDomainRequestDto } from './dto/modify-domain.dto.js';

/** Code management of an authorized mini program (wxa/…): commit, audit, release, server domains. */
@Injectable()
export class CodeManagementService {
  private readonly logger = new Logger(CodeManagementService.name);

  constructor(private readonly api: AccountApiService) {}

  async commit(appid: string, req: CommitRequestDto): Promise<void> {
    await this.call(appid, '/wxa/commit', { ...req });
  }

  async submitAudit(appid: string, body: Record<string, unknown>): Promise<AuditIdDto> {
    const res = await this.call<{ auditid: number }>(appid, '/wxa/submit_audit', body);
    return { auditid: res.auditid };
  }

  async release(appid: string): Promise<void> {
    await this.call(appid, '/wxa/release', {});
  }

  async modifyDomain(appid: string, req: ModifyDomainRequestDto): Promise<DomainsDto> {
    const res = await this.call<Partial<DomainsDto>>(appid, '/wxa/modify_domain', { ...req });
    return {
      requestdomain: res.requestdomain ?? [],
      wsrequestdomain: res.wsrequestdomain ?? [],
      uploaddomain: res.uploaddomain ?? [],
      downloaddomain: res.downloaddomain ?? [],
    };
  }

  /** Not idempotent: a second submit_audit is 85009, a second release 85020, so no blind resend. */
  private async call<T>(appid: string, path: string, body: Record<string, unknown>): Promise<T> {
    const res = await this.api.post<T>(appid, path, body, { idempotent: false });
    this.logger.log({ appid, endpoint: path }, 'mini program code management call');
    return res;
  }
}

import { ApiProperty } from '@nestjs/swagger';

/** wxa/submit_audit's answer. */
export class AuditIdDto {
  @ApiProperty({
    description: 'Audit id; the result arrives as weapp_audit_success/fail at the message URL',
    example: 412345678,
  })
  auditid!: number;
}

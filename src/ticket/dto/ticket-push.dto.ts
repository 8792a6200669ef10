import { ApiProperty } from '@nestjs/swagger';
import type { PushRequestOutcome } from '../ticket-push.service.js';

export class TicketPushResultDto {
  @ApiProperty({
    description:
      'True when api_start_push_ticket was called now; false when a request was made less than 10 minutes ago ' +
      '(on any instance)',
    example: true,
  })
  requested!: boolean;

  @ApiProperty({
    description: 'From when the next request will be made (ISO 8601, UTC)',
    example: '2026-01-01T08:10:00.000Z',
  })
  next_allowed_at!: string;
}

export function toTicketPushResultDto(o: PushRequestOutcome): TicketPushResultDto {
  return { requested: o.requested, next_allowed_at: o.nextAllowedAt.toISOString() };
}

import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import type { JssdkConfig } from '../../crypto/jssdk-signature.js';
import type { Ticket } from '../jsapi-ticket.service.js';
import { secondsUntil } from './account-access-token.dto.js';

export class AccountTicketDto {
  @ApiProperty({ description: 'jsapi_ticket or wx_card api_ticket', example: 'HoagFKDcsGMVCIY2vOjf9n...' })
  ticket!: string;

  @ApiProperty({ description: 'When WeChat stops accepting it (ISO 8601, UTC)', example: '2026-01-01T10:00:00.000Z' })
  expires_at!: string;

  @ApiProperty({ description: 'Seconds until expires_at', example: 6300 })
  expires_in!: number;
}

export function toAccountTicketDto(t: Ticket): AccountTicketDto {
  return { ticket: t.ticket, expires_at: t.expiresAt.toISOString(), expires_in: secondsUntil(t.expiresAt) };
}

export class JssdkConfigRequestDto {
  @ApiProperty({
    description:
      'The page URL exactly as the browser has it (location.href), query included; the #fragment is removed. ' +
      "In component mode the page must be on the platform's Official Account development domain.",
    example: 'https://h5.example.com/page?id=7',
  })
  @IsString()
  @MaxLength(2048)
  @Matches(/^https?:\/\/\S+$/, { message: 'url: must be an absolute http(s) URL' })
  url!: string;
}

export class JssdkConfigDto {
  @ApiProperty({
    description: "The account's appid (the authorizer's in component mode)",
    example: 'wxdemoofficial0001',
  })
  appId!: string;

  @ApiProperty({ description: 'Unix seconds used in the signature', example: 1700000000 })
  timestamp!: number;

  @ApiProperty({ description: 'Random string used in the signature', example: 'abc123XYZ' })
  nonceStr!: string;

  @ApiProperty({ description: 'SHA1 signature for wx.config', example: '30114e1d6c735156e5cfa6f2f0f6160d8f029614' })
  signature!: string;
}

export function toJssdkConfigDto(c: JssdkConfig): JssdkConfigDto {
  return { appId: c.appId, timestamp: c.timestamp, nonceStr: c.nonceStr, signature: c.signature };
}

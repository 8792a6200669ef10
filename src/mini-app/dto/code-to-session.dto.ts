import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** POST /api/accounts/:appid/mini-program/code-to-session */
export class CodeToSessionRequestDto {
  @ApiProperty({
    description: 'The code wx.login() gave the mini program (single use, 5 minutes)',
    example: '0a3Xyz0w3Abc',
  })
  @IsString()
  @Length(1, 512)
  js_code!: string;
}

/** sns/component/jscode2session's answer (§8.2); the same one again for a repeated js_code. */
export class CodeToSessionDto {
  @ApiProperty({ description: "The user's openid in this mini program", example: 'oMPUSER1' })
  openid!: string;

  @ApiPropertyOptional({ description: 'Open-platform unionid, when the mini program is bound', example: 'oUNION1' })
  unionid?: string;

  @ApiProperty({
    description:
      'Session key for decrypting wx.getUserInfo data and checking signatures. Keep it on your server: ' +
      'it must never be sent to the mini program or any client',
    example: 'tiihtNczf5v6AKRyjwEUhQ==',
  })
  session_key!: string;
}

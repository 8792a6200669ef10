import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import {
  ACCOUNT_KINDS,
  TOKEN_ENDPOINTS,
  type AccountKind,
  type RegisterDirectInput,
  type TokenEndpoint,
} from '../account.types.js';

/** POST /api/accounts: an account the gateway manages with its own appid and secret (§4.13). */
export class RegisterDirectAccountDto {
  @ApiProperty({ description: 'The account appid ("wx" and 16 letters or digits)', example: 'wxdemodirect000001' })
  @Matches(/^wx[0-9A-Za-z]{16}$/, { message: 'appid: must be an appid ("wx" and 16 letters or digits)' })
  appid!: string;

  @ApiProperty({
    description: 'AppSecret from the account console; sealed at rest, never returned or logged',
    example: '0123456789abcdef0123456789abcdef',
    writeOnly: true,
  })
  @IsString()
  @Matches(/^[0-9A-Za-z]{16,64}$/, { message: 'secret: must be the AppSecret (16 to 64 letters or digits)' })
  secret!: string;

  @ApiProperty({ description: 'Official account or mini program', example: 'official_account', enum: ACCOUNT_KINDS })
  @IsIn(ACCOUNT_KINDS, { message: `kind: must be one of ${ACCOUNT_KINDS.join(', ')}` })
  kind!: AccountKind;

  @ApiPropertyOptional({
    description: 'Message server Token (3 to 32 letters or digits), with aes_key, for the message URL',
    example: 'demoMessageToken',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{3,32}$/, { message: 'token: must be 3 to 32 letters or digits' })
  token?: string;

  @ApiPropertyOptional({
    description: 'EncodingAESKey (43 letters or digits), with token; sealed at rest, never returned',
    example: 'DemoDirectEncodingAesKeyNotSecret0000000000',
    writeOnly: true,
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{43}$/, { message: 'aes_key: must be the 43-character EncodingAESKey' })
  aes_key?: string;

  @ApiPropertyOptional({
    description:
      'stable: POST cgi-bin/stable_token (default; does not invalidate tokens fetched elsewhere); ' +
      'classic: GET cgi-bin/token (each fetch replaces the previous token after 5 minutes)',
    example: 'stable',
    enum: TOKEN_ENDPOINTS,
    default: 'stable',
  })
  @IsOptional()
  @IsIn(TOKEN_ENDPOINTS, { message: `token_endpoint: must be one of ${TOKEN_ENDPOINTS.join(', ')}` })
  token_endpoint?: TokenEndpoint;
}

export function toRegisterDirectInput(dto: RegisterDirectAccountDto): RegisterDirectInput {
  return {
    appid: dto.appid,
    secret: dto.secret,
    kind: dto.kind,
    messageToken: dto.token,
    encodingAesKey: dto.aes_key,
    tokenEndpoint: dto.token_endpoint,
  };
}

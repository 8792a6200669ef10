import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export class TemplateMiniProgramDto {
  @ApiProperty({ description: 'Mini program to open (linked to the account)', example: 'wxdemominiprog0001' })
  @IsString()
  @MaxLength(32)
  appid!: string;

  @ApiPropertyOptional({ description: 'Page path with query', example: 'pages/order/index?id=42' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  pagepath?: string;
}

/** POST /api/accounts/:appid/messages/template: a template message (cgi-bin/message/template/send). */
export class TemplateMessageDto {
  @ApiProperty({ description: 'openid of the user', example: 'oUSER123' })
  @IsString()
  @MaxLength(64)
  touser!: string;

  @ApiProperty({ description: 'Template id from the account', example: 'ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY' })
  @IsString()
  @MaxLength(128)
  template_id!: string;

  @ApiPropertyOptional({
    description: 'Page a tap opens (ignored when miniprogram is given)',
    example: 'https://app.example.com/order/42',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  url?: string;

  @ApiPropertyOptional({ description: 'Mini program a tap opens', type: TemplateMiniProgramDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TemplateMiniProgramDto)
  miniprogram?: TemplateMiniProgramDto;

  @ApiProperty({
    description: 'Template fields: { name: { value, color? } }',
    example: { thing1: { value: 'Order 42' }, time2: { value: '2025-01-01 08:00' } },
  })
  @IsObject()
  data!: Record<string, { value: string; color?: string }>;

  @ApiPropertyOptional({
    description: 'De-duplication id: WeChat sends one message per id',
    example: 'order-42-shipped',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  client_msg_id?: string;
}

export class TemplateMessageResultDto {
  @ApiProperty({ description: "WeChat's message id", example: 200228332 })
  msgid!: number;
}

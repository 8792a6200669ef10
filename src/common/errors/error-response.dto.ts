import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The one error shape of the REST API (contract: statusCode, error, message; errcode/errmsg from WeChat). */
export class ErrorResponseDto {
  @ApiProperty({ description: 'HTTP status code', example: 400 })
  statusCode!: number;

  @ApiProperty({ description: 'HTTP status text', example: 'Bad Request' })
  error!: string;

  @ApiProperty({
    description: 'What went wrong, naming the field or setting involved',
    example: 'scopes: each value must be one of admin, tokens:read, proxy, accounts:write, webhooks',
  })
  message!: string;

  @ApiPropertyOptional({ description: 'WeChat error code, when WeChat answered with an error', example: 45009 })
  errcode?: number;

  @ApiPropertyOptional({
    description: "WeChat's own error text",
    example: 'reach max api daily quota limit rid: 6543a1b2-1c2d3e4f-5a6b7c8d',
  })
  errmsg?: string;
}

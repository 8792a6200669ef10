import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

const ACTIONS = ['add', 'delete', 'set', 'get'] as const;

/** POST /api/accounts/:appid/mini-program/domain (wxa/modify_domain): server domains of the mini program. */
export class ModifyDomainRequestDto {
  @ApiProperty({ description: 'add, delete, set (replace) or get', enum: ACTIONS, example: 'add' })
  @IsIn(ACTIONS)
  action!: (typeof ACTIONS)[number];

  @ApiPropertyOptional({ description: 'request() domains', example: ['https://api.example.com'], type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(256, { each: true })
  requestdomain?: string[];

  @ApiPropertyOptional({ description: 'socket domains', example: ['wss://ws.example.com'], type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(256, { each: true })
  wsrequestdomain?: string[];

  @ApiPropertyOptional({ description: 'uploadFile() domains', example: ['https://up.example.com'], type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(256, { each: true })
  uploaddomain?: string[];

  @ApiPropertyOptional({ description: 'downloadFile() domains', example: ['https://cdn.example.com'], type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(256, { each: true })
  downloaddomain?: string[];
}

export class DomainsDto {
  @ApiProperty({ description: 'request() domains now set', example: ['https://api.example.com'], type: [String] })
  requestdomain!: string[];

  @ApiProperty({ description: 'socket domains now set', example: ['wss://ws.example.com'], type: [String] })
  wsrequestdomain!: string[];

  @ApiProperty({ description: 'uploadFile() domains now set', example: ['https://up.example.com'], type: [String] })
  uploaddomain!: string[];

  @ApiProperty({ description: 'downloadFile() domains now set', example: ['https://cdn.example.com'], type: [String] })
  downloaddomain!: string[];
}

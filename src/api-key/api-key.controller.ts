import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../common/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { ApiKeyService } from './api-key.service.js';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto, toApiKeyDto } from './dto/api-key.dto.js';

@ApiTags('api keys')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'Missing or invalid API key', type: ErrorResponseDto })
@ApiResponse({ status: 403, description: 'The key lacks the admin scope', type: ErrorResponseDto })
@RequireScopes('admin')
@Controller('keys')
export class ApiKeyController {
  constructor(private readonly keys: ApiKeyService) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key (the key is in this answer only)' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiResponse({ status: 400, description: 'A field is invalid (named in message)', type: ErrorResponseDto })
  async create(@Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const { entity, key } = await this.keys.create(dto.name, dto.scopes, dto.allowed_appids ?? null);
    return { ...toApiKeyDto(entity), key };
  }

  @Get()
  @ApiOperation({ summary: 'List API keys (never the keys themselves)' })
  @ApiOkResponse({ type: [ApiKeyDto] })
  async list(): Promise<ApiKeyDto[]> {
    return (await this.keys.list()).map(toApiKeyDto);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke an API key; it stops working at once on this instance, within 10 s on others' })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiResponse({ status: 404, description: 'No such key', type: ErrorResponseDto })
  async revoke(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string): Promise<ApiKeyDto> {
    return toApiKeyDto(await this.keys.revoke(id));
  }
}

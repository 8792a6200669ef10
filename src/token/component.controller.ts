import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../common/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { ComponentStatusService } from './component-status.service.js';
import { ComponentTokenService } from './component-token.service.js';
import { ComponentAccessTokenDto, toComponentAccessTokenDto } from './dto/component-access-token.dto.js';
import { ComponentStatusDto, toComponentStatusDto } from './dto/component-status.dto.js';

@ApiTags('component')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'Missing or invalid API key', type: ErrorResponseDto })
@ApiResponse({ status: 403, description: 'The key lacks the tokens:read scope', type: ErrorResponseDto })
@RequireScopes('tokens:read')
@Controller('component')
export class ComponentController {
  constructor(
    private readonly status: ComponentStatusService,
    private readonly tokens: ComponentTokenService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The third-party platform: configuration, ticket age, token expiry (no secrets)' })
  @ApiOkResponse({ type: ComponentStatusDto })
  async get(): Promise<ComponentStatusDto> {
    return toComponentStatusDto(await this.status.status());
  }

  @Get('access-token')
  @ApiOperation({
    summary: 'The component_access_token, renewed by the gateway ahead of expiry; never call api_component_token',
  })
  @ApiOkResponse({ type: ComponentAccessTokenDto })
  @ApiResponse({
    status: 503,
    description: 'Component not configured, or no usable component_verify_ticket yet (reason in message)',
    type: ErrorResponseDto,
  })
  @ApiResponse({ status: 502, description: 'WeChat refused or could not be reached', type: ErrorResponseDto })
  async accessToken(): Promise<ComponentAccessTokenDto> {
    return toComponentAccessTokenDto(await this.tokens.get());
  }
}

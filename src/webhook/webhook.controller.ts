import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../common/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { CreateWebhookDto, toSubscriptionInput, UpdateWebhookDto } from './dto/webhook-subscription.dto.js';
import { CreatedWebhookDto, toWebhookDto, WebhookDto } from './dto/webhook.dto.js';
import { WebhookSubscriptionService } from './webhook-subscription.service.js';

const ID = new ParseUUIDPipe({ version: '4' });

@ApiTags('webhooks')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'Missing or invalid API key', type: ErrorResponseDto })
@ApiResponse({ status: 403, description: 'The key lacks the webhooks scope', type: ErrorResponseDto })
@RequireScopes('webhooks')
@Controller('webhooks')
export class WebhookController {
  constructor(private readonly subscriptions: WebhookSubscriptionService) {}

  @Post()
  @ApiOperation({ summary: 'Subscribe a URL to messages and events (the secret is in this answer only)' })
  @ApiCreatedResponse({ type: CreatedWebhookDto })
  @ApiResponse({ status: 400, description: 'A field is invalid (named in message)', type: ErrorResponseDto })
  async create(@Body() dto: CreateWebhookDto): Promise<CreatedWebhookDto> {
    const { entity, secret } = await this.subscriptions.create({
      ...toSubscriptionInput(dto),
      url: dto.url,
      mode: dto.mode,
    });
    return { ...toWebhookDto(entity), secret };
  }

  @Get()
  @ApiOperation({ summary: 'List subscriptions in creation order (never their secrets)' })
  @ApiOkResponse({ type: [WebhookDto] })
  async list(): Promise<WebhookDto[]> {
    return (await this.subscriptions.list()).map(toWebhookDto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One subscription' })
  @ApiOkResponse({ type: WebhookDto })
  @ApiResponse({ status: 404, description: 'No such subscription', type: ErrorResponseDto })
  async get(@Param('id', ID) id: string): Promise<WebhookDto> {
    return toWebhookDto(await this.subscriptions.get(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a subscription; null on msg_types, events or appids clears that filter' })
  @ApiOkResponse({ type: WebhookDto })
  @ApiResponse({ status: 400, description: 'A field is invalid (named in message)', type: ErrorResponseDto })
  @ApiResponse({ status: 404, description: 'No such subscription', type: ErrorResponseDto })
  async update(@Param('id', ID) id: string, @Body() dto: UpdateWebhookDto): Promise<WebhookDto> {
    return toWebhookDto(await this.subscriptions.update(id, toSubscriptionInput(dto)));
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Remove a subscription and its delivery log; answers the removed subscription' })
  @ApiOkResponse({ type: WebhookDto })
  @ApiResponse({ status: 404, description: 'No such subscription', type: ErrorResponseDto })
  async remove(@Param('id', ID) id: string): Promise<WebhookDto> {
    return toWebhookDto(await this.subscriptions.remove(id));
  }
}

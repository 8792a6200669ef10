import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../common/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import {
  ListDeliveriesQueryDto,
  ReplayDeadDto,
  toDeliveryDto,
  toDeliveryPageDto,
  WebhookDeliveryDto,
  WebhookDeliveryPageDto,
} from './dto/webhook-delivery.dto.js';
import { WebhookDeliveryLogService } from './webhook-delivery-log.service.js';

const ID = new ParseUUIDPipe({ version: '4' });

@ApiTags('webhooks')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'Missing or invalid API key', type: ErrorResponseDto })
@ApiResponse({ status: 403, description: 'The key lacks the webhooks scope', type: ErrorResponseDto })
@ApiResponse({ status: 404, description: 'No such subscription or delivery', type: ErrorResponseDto })
@RequireScopes('webhooks')
@Controller('webhooks/:id/deliveries')
export class WebhookDeliveryController {
  constructor(private readonly log: WebhookDeliveryLogService) {}

  @Get()
  @ApiOperation({ summary: 'Delivery log of async deliveries, newest first, filterable by status' })
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  async list(@Param('id', ID) id: string, @Query() q: ListDeliveriesQueryDto): Promise<WebhookDeliveryPageDto> {
    return toDeliveryPageDto(await this.log.list(id, q.status, q.page ?? 1, q.page_size ?? 20));
  }

  @Post('replay-dead')
  @HttpCode(200)
  @ApiOperation({ summary: 'Queue every dead delivery again, with a fresh retry budget' })
  @ApiOkResponse({ type: ReplayDeadDto })
  async replayDead(@Param('id', ID) id: string): Promise<ReplayDeadDto> {
    return { replayed: await this.log.replayDead(id) };
  }

  @Post(':deliveryId/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send one delivery again now (same delivery id), whatever its status' })
  @ApiOkResponse({ type: WebhookDeliveryDto })
  async replay(
    @Param('id', ID) id: string,
    @Param('deliveryId', new ParseUUIDPipe()) deliveryId: string,
  ): Promise<WebhookDeliveryDto> {
    return toDeliveryDto(await this.log.replay(id, deliveryId));
  }
}

import { Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../common/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { TicketPushResultDto, toTicketPushResultDto } from './dto/ticket-push.dto.js';
import { TicketService } from './ticket.service.js';

@ApiTags('component')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'Missing or invalid API key', type: ErrorResponseDto })
@ApiResponse({ status: 403, description: 'The key lacks the admin scope', type: ErrorResponseDto })
@RequireScopes('admin')
@Controller('component/ticket')
export class TicketController {
  constructor(private readonly tickets: TicketService) {}

  @Post('push')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Ask WeChat to (re)start component_verify_ticket pushes (api_start_push_ticket), at most every 10 min',
  })
  @ApiOkResponse({ type: TicketPushResultDto })
  @ApiResponse({ status: 503, description: 'Component not configured', type: ErrorResponseDto })
  @ApiResponse({ status: 502, description: 'WeChat refused or could not be reached', type: ErrorResponseDto })
  async push(): Promise<TicketPushResultDto> {
    return toTicketPushResultDto(await this.tickets.requestPushOutcome('requested through the API'));
  }
}

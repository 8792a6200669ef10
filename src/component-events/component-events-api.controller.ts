import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../common/decorators/auth.decorators.js';
import { ComponentEventsService } from './component-events.service.js';
import { ComponentEventDto, RecentEventsQueryDto, toComponentEventDto } from './dto/component-event.dto.js';

@ApiTags('component')
@ApiBearerAuth()
@RequireScopes('admin')
@Controller('component/events')
export class ComponentEventsApiController {
  constructor(private readonly events: ComponentEventsService) {}

  @Get()
  @ApiOperation({ summary: 'The latest pushes to the authorization event URL, newest first, with their outcome' })
  @ApiOkResponse({ type: [ComponentEventDto] })
  async recent(@Query() query: RecentEventsQueryDto): Promise<ComponentEventDto[]> {
    return (await this.events.recent(query.limit ?? 50)).map(toComponentEventDto);
  }
}

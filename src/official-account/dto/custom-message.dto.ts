import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CustomServiceDto,
  MediaContentDto,
  MiniProgramPageDto,
  NewsContentDto,
  TextContentDto,
} from './custom-message-parts.dto.js';

export const CUSTOM_MSGTYPES = [
  'text',
  'image',
  'voice',
  'video',
  'music',
  'news',
  'mpnews',
  'mpnewsarticle',
  'msgmenu',
  'wxcard',
  'miniprogrampage',
] as const;
export type CustomMsgType = (typeof CUSTOM_MSGTYPES)[number];

const is = (type: CustomMsgType) => (o: CustomMessageDto) => o.msgtype === type;
const PASS_THROUGH = 'Passed to WeChat as given (see WeChat docs, customer-service message)';

/** POST /api/accounts/:appid/messages/custom: the object named by msgtype must be present. */
export class CustomMessageDto {
  @ApiProperty({ description: 'openid of the user', example: 'oUSER123' })
  @IsString()
  @MaxLength(64)
  touser!: string;

  @ApiProperty({
    description: 'Message type; the field of the same name carries it',
    example: 'text',
    enum: CUSTOM_MSGTYPES,
  })
  @IsIn(CUSTOM_MSGTYPES)
  msgtype!: CustomMsgType;

  @ApiPropertyOptional({ description: 'For msgtype text', type: TextContentDto })
  @ValidateIf(is('text'))
  @IsDefined()
  @ValidateNested()
  @Type(() => TextContentDto)
  text?: TextContentDto;

  @ApiPropertyOptional({ description: 'For msgtype image', type: MediaContentDto })
  @ValidateIf(is('image'))
  @IsDefined()
  @ValidateNested()
  @Type(() => MediaContentDto)
  image?: MediaContentDto;

  @ApiPropertyOptional({ description: 'For msgtype news', type: NewsContentDto })
  @ValidateIf(is('news'))
  @IsDefined()
  @ValidateNested()
  @Type(() => NewsContentDto)
  news?: NewsContentDto;

  @ApiPropertyOptional({ description: 'For msgtype miniprogrampage', type: MiniProgramPageDto })
  @ValidateIf(is('miniprogrampage'))
  @IsDefined()
  @ValidateNested()
  @Type(() => MiniProgramPageDto)
  miniprogrampage?: MiniProgramPageDto;

  @ApiPropertyOptional({ description: `For msgtype voice. ${PASS_THROUGH}`, example: { media_id: 'MEDIA_ID' } })
  @ValidateIf(is('voice'))
  @IsObject()
  voice?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: `For msgtype video. ${PASS_THROUGH}`,
    example: { media_id: 'MEDIA_ID', thumb_media_id: 'T', title: 't' },
  })
  @ValidateIf(is('video'))
  @IsObject()
  video?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: `For msgtype music. ${PASS_THROUGH}`,
    example: {
      title: 't',
      musicurl: 'https://a.example/m.mp3',
      hqmusicurl: 'https://a.example/m.mp3',
      thumb_media_id: 'T',
    },
  })
  @ValidateIf(is('music'))
  @IsObject()
  music?: Record<string, unknown>;

  @ApiPropertyOptional({ description: `For msgtype mpnews. ${PASS_THROUGH}`, example: { media_id: 'MEDIA_ID' } })
  @ValidateIf(is('mpnews'))
  @IsObject()
  mpnews?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: `For msgtype mpnewsarticle. ${PASS_THROUGH}`,
    example: { article_id: 'ARTICLE_ID' },
  })
  @ValidateIf(is('mpnewsarticle'))
  @IsObject()
  mpnewsarticle?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: `For msgtype msgmenu. ${PASS_THROUGH}`,
    example: { head_content: 'Rate us', list: [{ id: '101', content: 'Good' }], tail_content: 'Thanks' },
  })
  @ValidateIf(is('msgmenu'))
  @IsObject()
  msgmenu?: Record<string, unknown>;

  @ApiPropertyOptional({ description: `For msgtype wxcard. ${PASS_THROUGH}`, example: { card_id: 'CARD_ID' } })
  @ValidateIf(is('wxcard'))
  @IsObject()
  wxcard?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Send as a given customer-service account', type: CustomServiceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CustomServiceDto)
  customservice?: CustomServiceDto;
}

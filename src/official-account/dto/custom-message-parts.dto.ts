import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

// The typed parts of a customer-service message (§4.15), kept together: they only exist inside it.

export class TextContentDto {
  @ApiProperty({ description: 'Message text (links as <a href="…">)', example: 'Your order has shipped' })
  @IsString()
  @MaxLength(2048)
  content!: string;
}

export class MediaContentDto {
  @ApiProperty({ description: 'media_id from cgi-bin/media/upload', example: 'MEDIA_ID_from_upload' })
  @IsString()
  @MaxLength(128)
  media_id!: string;
}

export class NewsArticleDto {
  @ApiProperty({ description: 'Title', example: 'Happy Day' })
  @IsString()
  @MaxLength(128)
  title!: string;

  @ApiPropertyOptional({ description: 'Summary', example: 'Is Really A Happy Day' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  description?: string;

  @ApiProperty({ description: 'Where a tap leads', example: 'https://app.example.com/news/1' })
  @IsString()
  @MaxLength(1024)
  url!: string;

  @ApiPropertyOptional({ description: 'Cover image URL', example: 'https://app.example.com/news/1.jpg' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  picurl?: string;
}

export class NewsContentDto {
  @ApiProperty({ description: 'The article (WeChat sends one)', type: [NewsArticleDto] })
  @ValidateNested({ each: true })
  @Type(() => NewsArticleDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  articles!: NewsArticleDto[];
}

export class MiniProgramPageDto {
  @ApiProperty({ description: 'Card title', example: 'Open the shop' })
  @IsString()
  @MaxLength(128)
  title!: string;

  @ApiProperty({ description: 'Mini program appid (linked to the account)', example: 'wxdemominiprog0001' })
  @IsString()
  @MaxLength(32)
  appid!: string;

  @ApiProperty({ description: 'Page path in the mini program', example: 'pages/index/index?from=kf' })
  @IsString()
  @MaxLength(1024)
  pagepath!: string;

  @ApiProperty({ description: 'media_id of the card image', example: 'THUMB_MEDIA_ID' })
  @IsString()
  @MaxLength(128)
  thumb_media_id!: string;
}

export class CustomServiceDto {
  @ApiProperty({ description: 'Send as this customer-service account', example: 'kf2001@gh_demo' })
  @IsString()
  @MaxLength(128)
  kf_account!: string;
}

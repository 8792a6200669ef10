import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsJSON, IsString, Length, Min } from 'class-validator';

/** POST /api/accounts/:appid/mini-program/commit (wxa/commit) */
export class CommitRequestDto {
  @ApiProperty({ description: "Code template id from the platform's template library", example: 12 })
  @IsInt()
  @Min(0)
  template_id!: number;

  @ApiProperty({
    description: 'ext.json for this mini program, as a JSON string',
    example: '{"extAppid":"wxdemominiprog0001","ext":{"shop_id":42}}',
  })
  @IsString()
  @IsJSON()
  ext_json!: string;

  @ApiProperty({ description: 'Version shown in the console', example: '1.2.0' })
  @IsString()
  @Length(1, 64)
  user_version!: string;

  @ApiProperty({ description: 'Version description', example: 'Checkout fixes' })
  @IsString()
  @Length(1, 512)
  user_desc!: string;
}

import { Global, Module } from '@nestjs/common';
import { WECHAT_CALL_OBSERVER, type WechatCallObserver } from '../wechat/wechat-call.types.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';

@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    MetricsService,
    {
      // Every attempt of the WeChat client is counted by endpoint, host, outcome and errcode.
      provide: WECHAT_CALL_OBSERVER,
      inject: [MetricsService],
      useFactory:
        (m: MetricsService): WechatCallObserver =>
        (e) =>
          m.observeWechatCall(e),
    },
  ],
  exports: [MetricsService, WECHAT_CALL_OBSERVER],
})
export class MetricsModule {}

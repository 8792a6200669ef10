import { HttpStatus } from '@nestjs/common';
import { errorBody, type ErrorMapper } from '../common/filters/all-exceptions.filter.js';
import { WechatApiError } from './wechat-api.error.js';
import { WechatInvalidResponseError } from './wechat-invalid-response.error.js';
import { WechatPathError } from './wechat-path.error.js';
import { WechatTransportError } from './wechat-transport.error.js';

const STATUS_BY_ERRCODE = new Map<number, HttpStatus>([
  [-1, HttpStatus.SERVICE_UNAVAILABLE], // "system busy": the caller may retry
  [45009, HttpStatus.TOO_MANY_REQUESTS], // daily quota used up
  [45011, HttpStatus.TOO_MANY_REQUESTS], // per-minute quota
  [61005, HttpStatus.SERVICE_UNAVAILABLE], // ticket expired: no component token until the next push
  [61006, HttpStatus.SERVICE_UNAVAILABLE], // ticket invalid
]); // anything else, token errors after our one retry included: 502

/** WeChat's errors in the contract's shape: errcode/errmsg kept, status by what the caller can do. */
export const wechatErrorMapper: ErrorMapper = (err) => {
  if (err instanceof WechatApiError) {
    const status = STATUS_BY_ERRCODE.get(err.errcode) ?? HttpStatus.BAD_GATEWAY;
    return errorBody(status, err.message, { errcode: err.errcode, errmsg: err.errmsg });
  }
  if (err instanceof WechatTransportError) {
    return errorBody(err.kind === 'timeout' ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY, err.message);
  }
  if (err instanceof WechatInvalidResponseError) return errorBody(HttpStatus.BAD_GATEWAY, err.message);
  if (err instanceof WechatPathError) return errorBody(HttpStatus.BAD_REQUEST, err.message);
  return undefined;
};

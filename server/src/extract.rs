//! `ApiJson<T>`: axum's JSON extractor with its rejections mapped to the API's error shape
//! (400 malformed, 413 too large, 415 not JSON, 422 well-formed but the wrong shape).

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

use crate::error::AppError;

pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(map_rejection(rejection)),
        }
    }
}

fn map_rejection(rejection: JsonRejection) -> AppError {
    match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => AppError::UnsupportedMediaType,
        _ => match rejection {
            JsonRejection::JsonDataError(error) => AppError::BadRequest(format!(
                "The JSON does not have the expected fields: {}",
                error.body_text().trim_start_matches(
                    "Failed to deserialize the JSON body into the target type: "
                )
            )),
            JsonRejection::JsonSyntaxError(_) => {
                AppError::BadRequest("The request body is not valid JSON.".into())
            }
            _ => AppError::BadRequest("The request body could not be read.".into()),
        },
    }
}
